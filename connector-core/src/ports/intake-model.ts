// IntakeModel: the LLM side of intake (an OpenAI-compatible structured call per turn, see llm/).
export interface IntakeModelInput {
  /** the conversation so far, oldest first; customer text is data, never instructions */
  transcript: Array<{ author: 'customer' | 'agent' | 'human'; text: string }>;
  signals: Record<string, unknown>;
  /** the tenant's catalog ids, service-area ids and answerable knowledge the model may use */
  allowed: { serviceTypes: string[]; serviceAreas: string[]; knowledge: string[] };
  /** the customer's language (BCP-47 primary tag) when intake knows it; the reply must be in it */
  language?: string;
  /** ISO time of the turn, so the model can resolve "tomorrow at 9" */
  now?: string;
  /** the tenant's IANA time zone, in which relative times are meant */
  timezone?: string;
}

export interface IntakeModelOutput {
  /**
   * Signals by name (`serviceType`, `location`, `urgency`, `timing`, `budget`, `language`, `name`,
   * `intent`, `sentiment`, `humanRequested`), each value in the shape `Signals` gives it.
   */
  signals: Record<string, { value: unknown; confidence: number }>;
  intent?: string;
  reply?: string;
  escalate: boolean;
  escalateReason?: string;
  /** what the output guard removed and why (values outside the catalog, an unsafe reply) */
  dropped?: string[];
}

export interface IntakeModel {
  extract(input: IntakeModelInput, options: { timeoutMs: number }): Promise<IntakeModelOutput>;
}

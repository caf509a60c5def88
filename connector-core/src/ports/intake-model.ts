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
  /**
   * What the model needs to apply the tenant's rules, as data: each service's names per language (and the
   * owner's description), each area's names, districts, look-alike names and country, what the business
   * does not offer, and the sensitive topics that always go to a person
   */
  catalog?: {
    services: Array<{ id: string; names: Record<string, string[]>; description?: string }>;
    areas: Array<{
      id: string;
      names: Record<string, string[]>;
      districts: string[];
      notNames: string[];
      country?: string;
    }>;
    notOffered: string[];
    sensitiveTopics: string[];
  };
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

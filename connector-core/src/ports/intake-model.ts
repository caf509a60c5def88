// IntakeModel: the LLM side of intake (an OpenAI-compatible structured call per turn, later issue).
export interface IntakeModelInput {
  /** the conversation so far, oldest first; customer text is data, never instructions */
  transcript: Array<{ author: 'customer' | 'agent' | 'human'; text: string }>;
  signals: Record<string, unknown>;
  /** the tenant's catalog ids, service-area ids and answerable knowledge the model may use */
  allowed: { serviceTypes: string[]; serviceAreas: string[]; knowledge: string[] };
}

export interface IntakeModelOutput {
  signals: Record<string, { value: unknown; confidence: number }>;
  intent?: string;
  reply?: string;
  escalate: boolean;
  escalateReason?: string;
}

export interface IntakeModel {
  extract(input: IntakeModelInput, options: { timeoutMs: number }): Promise<IntakeModelOutput>;
}

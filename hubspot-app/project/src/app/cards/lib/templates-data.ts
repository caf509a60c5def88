// The JSON contract of GET /hubspot/templates and of a template reply (POST /hubspot/reply { template }):
// the WhatsApp Business Account's message templates, which are what WhatsApp delivers outside the 24-hour
// customer-service window.

/** A template the card can offer, with what it takes and whether it can be sent. */
export interface TemplateOption {
  name: string;
  language: string;
  /** APPROVED (sendable), PENDING, REJECTED, PAUSED, DISABLED… */
  status: string;
  /** MARKETING, UTILITY or AUTHENTICATION */
  category: string;
  header?: string;
  body: string;
  footer?: string;
  /** the placeholders to fill, in order (`1`, `2`… or names) */
  headerParameters: string[];
  bodyParameters: string[];
  sendable: boolean;
  rejectedReason?: string;
}

export interface TemplatesData {
  /** whether a free-form reply can be sent now (inside WhatsApp's 24-hour window) */
  windowOpen: boolean;
  windowExpiresAt?: string;
  templates: TemplateOption[];
}

/** A template to send, its parameter values in the order of the template's placeholders. */
export interface TemplateChoice {
  name: string;
  language: string;
  header?: string[];
  body?: string[];
}

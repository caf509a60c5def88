// Messenger: sending on WhatsApp through the Graph API (implemented in webhook-gateway).
export interface OutboundText {
  kind: 'text';
  body: string;
}

export interface OutboundButtons {
  kind: 'buttons';
  body: string;
  /** at most 3; titles at most 20 characters */
  buttons: Array<{ id: string; title: string }>;
}

export interface OutboundList {
  kind: 'list';
  body: string;
  button: string;
  /** the title of the list's one section (WhatsApp requires it, ≤ 24 characters); default: `button` */
  sectionTitle?: string;
  /** at most 10 rows; titles at most 24 characters */
  rows: Array<{ id: string; title: string; description?: string }>;
}

/**
 * An approved message template (the only kind WhatsApp delivers outside the 24-hour window), with its
 * parameters: positional (`{{1}}`, in order) or named (`{{name}}`), per component.
 */
export interface OutboundTemplate {
  kind: 'template';
  name: string;
  /** the template's language code, e.g. `en_US` */
  language: string;
  /** header and body parameters; `name` set only for templates created with named parameters */
  header?: Array<{ name?: string; text: string }>;
  body?: Array<{ name?: string; text: string }>;
  /** the template rendered with its parameters: what the transcript and the CRM show */
  text: string;
}

export type OutboundMessage = OutboundText | OutboundButtons | OutboundList | OutboundTemplate;

/** A message template of the business's WhatsApp Business Account, as Meta reports it. */
export interface MessageTemplate {
  id: string;
  name: string;
  language: string;
  /** APPROVED is the only sendable status (also PENDING, REJECTED, PAUSED, DISABLED, …) */
  status: string;
  /** MARKETING, UTILITY or AUTHENTICATION */
  category: string;
  parameterFormat: 'POSITIONAL' | 'NAMED';
  header?: string;
  body: string;
  footer?: string;
  /** placeholders of the header and the body, in order (`1`, `2`… or names) */
  headerParameters: string[];
  bodyParameters: string[];
  rejectedReason?: string;
}

export interface DownloadedMedia {
  bytes: Buffer;
  mimeType: string;
  sha256: string;
}

export interface Messenger {
  /** `key` makes the send idempotent: the same key never sends twice. Returns the wamid. */
  send(
    phoneNumberId: string,
    to: { phone?: string; userId?: string },
    message: OutboundMessage,
    key: string,
  ): Promise<string>;
  /** A courtesy: callers must not let its failure stop a reply. */
  markRead(phoneNumberId: string, wamid: string, typing?: boolean): Promise<void>;
  downloadMedia(phoneNumberId: string, mediaId: string): Promise<DownloadedMedia>;
  /** The WhatsApp Business Account's message templates (every status), with the number's token. */
  listTemplates?(phoneNumberId: string, wabaId: string): Promise<MessageTemplate[]>;
}

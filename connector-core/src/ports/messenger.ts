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
  /** at most 10 rows; titles at most 24 characters */
  rows: Array<{ id: string; title: string; description?: string }>;
}

export type OutboundMessage = OutboundText | OutboundButtons | OutboundList;

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
  markRead(phoneNumberId: string, wamid: string, typing?: boolean): Promise<void>;
  downloadMedia(phoneNumberId: string, mediaId: string): Promise<DownloadedMedia>;
}

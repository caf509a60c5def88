// Reply through Leadwire while WhatsApp's 24-hour customer-service window is open; otherwise say why not.
// Outside the window WhatsApp only accepts approved templates (research/hubspot.md §14).
import { Button, Flex, Text, TextArea } from '@hubspot/ui-extensions';
import { useState } from 'react';
import type { CardWindow } from '../lib/card-data.ts';
import { formatTime } from '../lib/labels.ts';

/** Why the reply box is disabled, or undefined when a reply may be sent. */
export function replyDisabledReason(
  window: CardWindow,
  now: Date,
  blockedReason: string | undefined,
  timeZone?: string,
): string | undefined {
  if (blockedReason !== undefined) return blockedReason;
  if (window.expiresAt === undefined) {
    return 'The customer has not written yet, so WhatsApp only allows approved template messages.';
  }
  const expires = new Date(window.expiresAt);
  if (!(expires.getTime() > now.getTime())) {
    return `WhatsApp's 24-hour reply window closed at ${formatTime(window.expiresAt, timeZone)}. Only approved template messages can be sent until the customer writes again.`;
  }
  return undefined;
}

export interface ReplyBoxProps {
  disabledReason?: string;
  windowExpiresAt?: string;
  timeZone?: string;
  /** true when Leadwire accepted the reply (the box is cleared); the caller shows failures */
  onSend: (text: string) => Promise<boolean>;
}

export function ReplyBox({ disabledReason, windowExpiresAt, timeZone, onSend }: ReplyBoxProps) {
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const disabled = disabledReason !== undefined;
  const send = async () => {
    const body = text.trim();
    if (body === '' || disabled) return;
    setSending(true);
    try {
      if (await onSend(body)) setText('');
    } finally {
      setSending(false);
    }
  };
  return (
    <Flex direction="column" gap="xs">
      <TextArea
        label="Reply on WhatsApp"
        name="reply"
        value={text}
        readOnly={disabled || sending}
        placeholder={disabled ? 'Replies are unavailable' : 'Write to the customer…'}
        description={
          disabled || windowExpiresAt === undefined
            ? undefined
            : `The reply window is open until ${formatTime(windowExpiresAt, timeZone)}.`
        }
        maxLength={4096}
        onChange={setText}
        testId="reply-text"
      />
      {disabled ? <Text testId="reply-disabled-reason">{disabledReason}</Text> : null}
      <Button
        variant="primary"
        disabled={disabled || sending || text.trim() === ''}
        onClick={() => {
          void send();
        }}
        testId="reply-send"
      >
        {sending ? 'Sending…' : 'Send reply'}
      </Button>
    </Flex>
  );
}

// The conversation as people read it: who wrote each message and when, each voice note's transcription under
// it (or why there is none), delivery status of what the business sent.
import { Box, Divider, Flex, Tag, Text } from '@hubspot/ui-extensions';
import type { CardMessage } from '../lib/card-data.ts';
import { formatTime } from '../lib/labels.ts';

const VOICE_FAILURES: Record<string, string> = {
  no_transcriber: 'no transcriber is configured',
  media_gone: 'WhatsApp no longer has the audio',
  too_large: 'the audio is too long',
  silence: 'nothing audible',
  transcriber_failed: 'the transcriber failed',
  invalid_audio: 'the audio could not be read',
};

function authorOf(message: CardMessage, customerName: string): string {
  if (message.author === 'customer') return customerName;
  if (message.author === 'agent') return 'Leadwire agent';
  return message.authorName ?? 'Team member';
}

const AUTHOR_TAG: Record<CardMessage['author'], 'info' | 'default' | 'success'> = {
  customer: 'info',
  agent: 'default',
  human: 'success',
};

function VoiceNote({ message }: { message: CardMessage }) {
  const voice = message.voice;
  if (voice?.transcript !== undefined) {
    return (
      <Text variant="microcopy" testId={`transcription-${message.id}`}>
        Transcription{voice.language === undefined ? '' : ` (${voice.language})`}: “{voice.transcript}”
      </Text>
    );
  }
  const why =
    voice?.failure === undefined ? 'not transcribed yet' : (VOICE_FAILURES[voice.failure] ?? voice.failure);
  return (
    <Text variant="microcopy" testId={`transcription-${message.id}`}>
      No transcription: {why}. Listen to it in WhatsApp.
    </Text>
  );
}

export interface TranscriptProps {
  messages: CardMessage[];
  customerName: string;
  olderMessagesOmitted?: number;
  timeZone?: string;
}

export function Transcript({ messages, customerName, olderMessagesOmitted, timeZone }: TranscriptProps) {
  return (
    <Flex direction="column" gap="sm" testId="transcript">
      {olderMessagesOmitted ? (
        <Text variant="microcopy">{olderMessagesOmitted} older messages are not shown.</Text>
      ) : null}
      {messages.map((message, index) => (
        <Box key={message.id}>
          {index > 0 ? <Divider distance="extra-small" /> : null}
          <Flex direction="column" gap="flush" testId={`message-${message.id}`}>
            <Flex direction="row" gap="xs" align="center">
              <Tag variant={AUTHOR_TAG[message.author]} testId={`author-${message.id}`}>
                {authorOf(message, customerName)}
              </Tag>
              <Text variant="microcopy" testId={`time-${message.id}`}>
                {formatTime(message.at, timeZone)}
                {message.status === undefined ? '' : ` · ${message.status}`}
              </Text>
            </Flex>
            {message.kind === 'voice' ? (
              <>
                <Text format={{ italic: true }}>Voice note</Text>
                <VoiceNote message={message} />
              </>
            ) : (
              <Text testId={`text-${message.id}`}>{message.text ?? `[${message.kind}]`}</Text>
            )}
          </Flex>
        </Box>
      ))}
    </Flex>
  );
}

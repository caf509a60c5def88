// The WhatsApp record card (contacts, leads, deals, tickets): the conversation behind the record, what intake
// captured and decided, how routing assigned it and its SLA, with Open in WhatsApp, Claim (from the pool)
// and a reply box. All data comes from the Leadwire backend through hubspot.fetch, which HubSpot signs.
import {
  Accordion,
  Alert,
  Button,
  ButtonRow,
  EmptyState,
  ErrorState,
  Flex,
  Heading,
  hubspot,
  LoadingSpinner,
  Text,
} from '@hubspot/ui-extensions';
import { useCallback, useEffect, useState } from 'react';
import { DecisionSection } from './components/DecisionSection.tsx';
import { ReplyBox, replyDisabledReason } from './components/ReplyBox.tsx';
import { RoutingSection } from './components/RoutingSection.tsx';
import { SignalsSection } from './components/SignalsSection.tsx';
import { TemplatePicker } from './components/TemplatePicker.tsx';
import { Transcript } from './components/Transcript.tsx';
import { backendUrl, type Fetcher, messageOf, requestJson } from './lib/backend.ts';
import { type CardConversation, type CardData, parseCardData } from './lib/card-data.ts';
import type { TemplateChoice, TemplatesData } from './lib/templates-data.ts';

hubspot.extend<'crm.record.tab'>(({ context }) => (
  <WhatsAppCard
    objectTypeId={context.crm.objectTypeId}
    objectId={context.crm.objectId}
    timeZone={context.portal.timezone}
  />
));

/** The production fetcher; a function so importing this module never touches the HubSpot runtime. */
const hubspotFetcher: Fetcher = (url, init) =>
  hubspot.fetch(url, { ...init, timeout: init.timeout ?? 10_000 });

export interface WhatsAppCardProps {
  /** `0-1` contacts, `0-136` leads, `0-3` deals, `0-5` tickets */
  objectTypeId: string;
  objectId: number;
  /** @defaultValue hubspot.fetch */
  fetcher?: Fetcher;
  /** the clock the 24-hour window is judged by @defaultValue () => new Date() */
  now?: () => Date;
  /** the portal's time zone, for times shown @defaultValue UTC */
  timeZone?: string;
}

type Load =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; data: CardData };

type Notice = { variant: 'success' | 'error'; title: string; message: string } | undefined;

/** `https://wa.me/<digits>`: WhatsApp's click-to-chat link (digits only, country code first). */
export function waMeLink(waId: string): string {
  return `https://wa.me/${waId.replace(/\D/g, '')}`;
}

function isInPool(conversation: CardConversation): boolean {
  const assignment = conversation.routing?.assignment;
  return assignment !== undefined && assignment.assignee.kind === 'pool' && !assignment.closed;
}

export function WhatsAppCard({
  objectTypeId,
  objectId,
  fetcher = hubspotFetcher,
  now = () => new Date(),
  timeZone,
}: WhatsAppCardProps) {
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [notice, setNotice] = useState<Notice>(undefined);
  const [claiming, setClaiming] = useState(false);

  const fetchLoad = useCallback(async (): Promise<Load> => {
    try {
      const json = await requestJson(fetcher, backendUrl('/hubspot/card', { objectTypeId, objectId }), {
        method: 'GET',
      });
      return { status: 'ready', data: parseCardData(json) };
    } catch (error) {
      return { status: 'error', message: messageOf(error) };
    }
  }, [fetcher, objectTypeId, objectId]);
  const refresh = useCallback(async () => setLoad(await fetchLoad()), [fetchLoad]);

  // State is set when the answer arrives (never synchronously in the effect), and not after the record changed.
  useEffect(() => {
    let current = true;
    void fetchLoad().then((next) => {
      if (current) setLoad(next);
    });
    return () => {
      current = false;
    };
  }, [fetchLoad]);

  if (load.status === 'loading')
    return <LoadingSpinner label="Loading the WhatsApp conversation" testId="loading" />;

  if (load.status === 'error') {
    return (
      <ErrorState title="The WhatsApp conversation could not be loaded" testId="error">
        <Text testId="error-message">{load.message}</Text>
        <Button
          onClick={() => {
            setLoad({ status: 'loading' });
            void refresh();
          }}
          testId="retry"
        >
          Try again
        </Button>
      </ErrorState>
    );
  }

  const conversation = load.data.conversation;
  if (conversation === null) {
    return (
      <EmptyState title="No WhatsApp conversation" layout="vertical" imageName="social" testId="empty">
        <Text>
          Nobody has written to your WhatsApp numbers from this record&apos;s phone number yet. When they do,
          Leadwire links the conversation here.
        </Text>
      </EmptyState>
    );
  }

  const labels = conversation.labels ?? {};
  const customerName =
    conversation.customer.name ?? conversation.customer.phone ?? conversation.customer.waId;

  const claim = async () => {
    const assignment = conversation.routing?.assignment;
    if (assignment === undefined) return;
    setClaiming(true);
    setNotice(undefined);
    try {
      await requestJson(fetcher, backendUrl('/hubspot/claim'), {
        method: 'POST',
        body: { conversationId: conversation.id, expectedVersion: assignment.version },
      });
      setNotice({ variant: 'success', title: 'Claimed', message: 'The conversation is yours.' });
      await refresh();
    } catch (error) {
      setNotice({ variant: 'error', title: 'Could not claim', message: messageOf(error) });
      await refresh();
    } finally {
      setClaiming(false);
    }
  };

  const sendReply = async (text: string): Promise<boolean> => {
    setNotice(undefined);
    try {
      await requestJson(fetcher, backendUrl('/hubspot/reply'), {
        method: 'POST',
        body: { conversationId: conversation.id, text },
      });
      setNotice({
        variant: 'success',
        title: 'Reply sent',
        message: 'Leadwire sent your reply on WhatsApp.',
      });
      await refresh();
      return true;
    } catch (error) {
      setNotice({ variant: 'error', title: 'Reply not sent', message: messageOf(error) });
      return false;
    }
  };

  const sendTemplate = async (template: TemplateChoice): Promise<boolean> => {
    setNotice(undefined);
    try {
      await requestJson(fetcher, backendUrl('/hubspot/reply'), {
        method: 'POST',
        body: { conversationId: conversation.id, template },
      });
      setNotice({
        variant: 'success',
        title: 'Template sent',
        message: `Leadwire sent ${template.name} on WhatsApp.`,
      });
      await refresh();
      return true;
    } catch (error) {
      setNotice({ variant: 'error', title: 'Template not sent', message: messageOf(error) });
      return false;
    }
  };
  const windowOpen =
    conversation.window.expiresAt !== undefined &&
    new Date(conversation.window.expiresAt).getTime() > now().getTime();

  return (
    <Flex direction="column" gap="md" testId="conversation">
      <Flex direction="row" justify="between" align="center" wrap>
        <Flex direction="column" gap="flush">
          <Heading>{customerName}</Heading>
          <Text variant="microcopy">
            {conversation.customer.phone ?? `+${conversation.customer.waId}`}
            {conversation.business.displayNumber === undefined
              ? ''
              : ` · to ${conversation.business.displayNumber}`}
          </Text>
        </Flex>
        <ButtonRow>
          {isInPool(conversation) ? (
            <Button
              variant="primary"
              disabled={claiming}
              onClick={() => {
                void claim();
              }}
              testId="claim"
            >
              {claiming ? 'Claiming…' : 'Claim'}
            </Button>
          ) : null}
          <Button href={{ url: waMeLink(conversation.customer.waId), external: true }} testId="open-whatsapp">
            Open in WhatsApp
          </Button>
        </ButtonRow>
      </Flex>

      {notice === undefined ? null : (
        <Alert title={notice.title} variant={notice.variant} testId="notice">
          {notice.message}
        </Alert>
      )}

      <Accordion title="Decision" defaultOpen>
        <DecisionSection decision={conversation.decision} timeZone={timeZone} />
      </Accordion>
      <Accordion title="Routing and SLA" defaultOpen>
        <RoutingSection
          routing={conversation.routing}
          sla={conversation.sla}
          labels={labels}
          timeZone={timeZone}
        />
      </Accordion>
      <Accordion title="Captured signals" defaultOpen>
        <SignalsSection signals={conversation.signals} labels={labels} />
      </Accordion>
      <Accordion title="Conversation" defaultOpen>
        <Transcript
          messages={conversation.messages}
          customerName={customerName}
          olderMessagesOmitted={conversation.olderMessagesOmitted}
          timeZone={timeZone}
        />
      </Accordion>
      <ReplyBox
        disabledReason={replyDisabledReason(
          conversation.window,
          now(),
          conversation.replyBlockedReason,
          timeZone,
        )}
        windowExpiresAt={conversation.window.expiresAt}
        timeZone={timeZone}
        onSend={sendReply}
      />
      {windowOpen || conversation.replyBlockedReason !== undefined ? null : (
        <TemplatePicker
          load={async () =>
            (await requestJson(
              fetcher,
              backendUrl('/hubspot/templates', { conversationId: conversation.id }),
              {
                method: 'GET',
              },
            )) as TemplatesData
          }
          onSend={sendTemplate}
        />
      )}
    </Flex>
  );
}

import { createElement } from '@lwc/engine-dom';
import WhatsappConversation from 'c/whatsappConversation';
import { getNavigateCalledWith, mockNavigate } from 'lightning/navigation';
import { createRecord, getRecord, updateRecord } from 'lightning/uiRecordApi';
import { getRelatedListRecords } from 'lightning/uiRelatedListApi';
// what the adapter writes for a pool conversation (scripts/lwc-fixture.ts against the emulator)
import poolConversation from './data/poolConversation.json';

const LEAD_ID = '00Q000000000001AAA';
const CONVERSATION_ID = 'a01000000000001AAA';
const QUEUE_ID = '00G000000000001AAA';
// @salesforce/user/Id as sfdx-lwc-jest's transformer provides it
const CURRENT_USER = '005000000000000000';

const field = (value) => ({ value, displayValue: null });
const record = (apiName, id, values) => ({
  apiName,
  id,
  fields: Object.fromEntries(Object.entries(values).map(([name, value]) => [name, field(value)])),
});

const trace = {
  rule: 'riyadh-urgent',
  rulesSkipped: [{ rule: 'jeddah', failed: 'area' }],
  steps: [
    {
      target: 'group:riyadh-team',
      stage: 'rule',
      outcome: 'chosen',
      candidates: [
        { userId: '005000000000002AAA', outcome: 'skipped', reason: 'offline' },
        { userId: '005000000000003AAA', outcome: 'chosen' },
      ],
    },
  ],
};

function conversationRecord(overrides = {}) {
  return {
    ...record('WhatsApp_Conversation__c', CONVERSATION_ID, {
      Name: 'WAC-000001',
      Customer_Name__c: 'Layla',
      Phone__c: '+966 50 123-4567',
      WhatsApp_Id__c: '966501234567',
      Status__c: 'handed_over',
      Urgency__c: 'urgent',
      Decision__c: 'lead',
      Decision_Reasons__c: JSON.stringify(['asked for a booking', 'service and area known']),
      Service_Type__c: 'ac-repair',
      Service_Area__c: 'riyadh',
      Language__c: 'ar',
      Timing__c: 'tomorrow morning',
      Routing_Trace__c: JSON.stringify(trace),
      Routed_Owner_Id__c: '005000000000003AAA',
      SLA_Due__c: new Date(Date.now() + 10 * 60000).toISOString(),
      Last_Message_At__c: '2026-11-20T09:05:00.000Z',
      OwnerId: '005000000000003AAA',
      ...overrides,
    }),
  };
}

const messages = [
  record('WhatsApp_Message__c', 'a02000000000002AAA', {
    Direction__c: 'outbound',
    Author__c: 'agent',
    Type__c: 'text',
    Body__c: 'Which area are you in?',
    Sent_At__c: '2026-11-20T09:01:00.000Z',
  }),
  record('WhatsApp_Message__c', 'a02000000000001AAA', {
    Direction__c: 'inbound',
    Author__c: 'customer',
    Type__c: 'text',
    Body__c: 'My AC stopped working',
    Sent_At__c: '2026-11-20T09:00:00.000Z',
  }),
  record('WhatsApp_Message__c', 'a02000000000003AAA', {
    Direction__c: 'inbound',
    Author__c: 'customer',
    Type__c: 'voice',
    Body__c: null,
    Transcription__c: 'Al Olaya, near the tower',
    Media_Id__c: '1234567890',
    Sent_At__c: '2026-11-20T09:02:00.000Z',
  }),
  record('WhatsApp_Message__c', 'a02000000000004AAA', {
    Direction__c: 'inbound',
    Author__c: 'customer',
    Type__c: 'voice',
    Body__c: null,
    Transcription__c: null,
    Media_Id__c: '1234567891',
    Sent_At__c: '2026-11-20T09:03:00.000Z',
  }),
];

function mount() {
  const element = createElement('c-whatsapp-conversation', { is: WhatsappConversation });
  element.recordId = LEAD_ID;
  element.objectApiName = 'Lead';
  document.body.appendChild(element);
  return element;
}

/** Lets the wire adapters' emitted values render (a few microtask turns: wire, re-render, dependent wires). */
const flush = () =>
  Promise.resolve()
    .then(() => undefined)
    .then(() => undefined)
    .then(() => undefined)
    .then(() => undefined);

/** Emits the related list of conversations, then (by the id the component asks for) the record and its messages. */
async function emitConversation(conversation = conversationRecord(), messageRecords = messages) {
  await flush();
  getRelatedListRecords.emit(
    { records: [record('WhatsApp_Conversation__c', CONVERSATION_ID, { Name: 'WAC-000001' })], count: 1 },
    (config) => config.relatedListId === 'WhatsApp_Conversations__r',
  );
  await flush();
  getRecord.emit(conversation, (config) => config.recordId === CONVERSATION_ID);
  getRelatedListRecords.emit(
    { records: messageRecords, count: messageRecords.length },
    (config) => config.relatedListId === 'Messages__r' && config.parentRecordId === CONVERSATION_ID,
  );
  await flush();
}

const byId = (element, id) => element.shadowRoot.querySelector(`[data-id="${id}"]`);
const allById = (element, id) => [...element.shadowRoot.querySelectorAll(`[data-id="${id}"]`)];

afterEach(() => {
  while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  jest.clearAllMocks();
});

describe('c-whatsapp-conversation', () => {
  it('shows a spinner until the record’s conversations arrive', () => {
    const element = mount();
    expect(byId(element, 'loading')).not.toBeNull();
    expect(byId(element, 'empty')).toBeNull();
    expect(byId(element, 'summary')).toBeNull();
  });

  it('says so when no conversation is linked to the record', async () => {
    const element = mount();
    await flush();
    // the record's conversations come through the related list every lookup shares
    getRelatedListRecords.emit(
      { records: [], count: 0 },
      (config) => config.parentRecordId === LEAD_ID && config.relatedListId === 'WhatsApp_Conversations__r',
    );
    await flush();
    expect(byId(element, 'empty').textContent).toContain('No WhatsApp conversation');
    expect(byId(element, 'loading')).toBeNull();
    expect(byId(element, 'open-whatsapp')).toBeNull();
  });

  it('shows the UI API’s error when the conversations cannot be read', async () => {
    const element = mount();
    getRelatedListRecords.error(
      { message: 'You do not have access to WhatsApp Conversations' },
      403,
      'Forbidden',
    );
    await flush();
    expect(byId(element, 'error').textContent).toContain('You do not have access to WhatsApp Conversations');
    expect(byId(element, 'loading')).toBeNull();
  });

  it('shows the error when the conversation record cannot be read', async () => {
    const element = mount();
    getRelatedListRecords.emit({
      records: [record('WhatsApp_Conversation__c', CONVERSATION_ID, { Name: 'WAC-000001' })],
      count: 1,
    });
    await flush();
    getRecord.error({ message: 'Insufficient access to field Routing_Trace__c' });
    await flush();
    expect(byId(element, 'error').textContent).toContain('Insufficient access');
  });

  it('keeps loading while the conversation record is on its way', async () => {
    const element = mount();
    getRelatedListRecords.emit({
      records: [record('WhatsApp_Conversation__c', CONVERSATION_ID, { Name: 'WAC-000001' })],
      count: 1,
    });
    await flush();
    expect(byId(element, 'loading')).not.toBeNull();
    expect(getRecord.getLastConfig()).toMatchObject({ recordId: CONVERSATION_ID });
  });

  it('shows the transcript oldest first, each voice note with its transcription under it', async () => {
    const element = mount();
    await emitConversation();
    const lines = allById(element, 'message');
    expect(lines.map((line) => line.querySelector('.message__text').textContent)).toEqual([
      'My AC stopped working',
      'Which area are you in?',
      'Voice note',
      'Voice note',
    ]);
    expect(lines[0].querySelector('.message__author').textContent).toBe('Layla');
    expect(lines[1].querySelector('.message__author').textContent).toBe('Leadwire agent');
    expect(lines[1].classList.contains('message_outbound')).toBe(true);
    expect(lines[2].querySelector('[data-id="transcription"]').textContent).toContain(
      'Al Olaya, near the tower',
    );
    expect(lines[3].querySelector('[data-id="no-transcription"]')).not.toBeNull();
    expect(lines[0].querySelector('[data-id="transcription"]')).toBeNull();
  });

  it('shows the signals, the decision reasons, the routing trace and the SLA', async () => {
    const element = mount();
    await emitConversation();
    expect(byId(element, 'status').textContent).toBe('Handed over');
    expect(byId(element, 'urgent')).not.toBeNull();
    expect(allById(element, 'signal-value').map((value) => value.textContent)).toEqual([
      'lead',
      'urgent',
      'ac-repair',
      'riyadh',
      'ar',
      'tomorrow morning',
    ]);
    expect(byId(element, 'reasons').textContent).toContain('asked for a booking');
    expect(byId(element, 'reasons').textContent).toContain('service and area known');
    const traceText = byId(element, 'trace').textContent;
    expect(traceText).toContain('riyadh-urgent');
    expect(traceText).toContain('Rule "jeddah" did not apply: area did not match');
    expect(traceText).toContain('group:riyadh-team: chosen');
    expect(traceText).toContain('005000000000002AAA: skipped (offline)');
    expect(byId(element, 'sla').textContent).toMatch(/First reply due in (9|10) min/);
  });

  it('shows the trace in the words leadwire explain uses when the trace carries them', async () => {
    const lines = [
      'rule riyadh-urgent',
      'group riyadh-team: chosen (round_robin)',
      '  Huda (005000000000002AAA): off_shift until 09:00 Asia/Riyadh',
      '  Faisal (005000000000003AAA): chosen — never assigned, 0 assignments in the last 120 min, 0 open',
    ];
    const element = mount();
    await emitConversation(
      conversationRecord({ Routing_Trace__c: JSON.stringify({ ...trace, text: lines }) }),
    );
    const shown = [...byId(element, 'trace-lines').querySelectorAll('.trace__line')].map(
      (line) => line.textContent,
    );
    expect(shown).toEqual(lines);
    expect(byId(element, 'trace-step')).toBeNull();
  });

  it('flags an overdue SLA', async () => {
    const element = mount();
    await emitConversation(
      conversationRecord({ SLA_Due__c: new Date(Date.now() - 30 * 60000).toISOString() }),
    );
    expect(byId(element, 'sla').textContent).toMatch(/SLA overdue by (30|31) min/);
    expect(byId(element, 'sla').classList.contains('sla_overdue')).toBe(true);
  });

  it('says when there are no messages yet', async () => {
    const element = mount();
    await emitConversation(conversationRecord(), []);
    expect(byId(element, 'no-messages')).not.toBeNull();
  });

  it('opens the customer’s chat on wa.me with digits only', async () => {
    const element = mount();
    await emitConversation(conversationRecord({ WhatsApp_Id__c: null }));
    byId(element, 'open-whatsapp').click();
    expect(mockNavigate).toHaveBeenCalledTimes(1);
    expect(getNavigateCalledWith().pageReference).toEqual({
      type: 'standard__webPage',
      attributes: { url: 'https://wa.me/966501234567' },
    });
  });

  it('offers no Claim for a conversation a user holds', async () => {
    const element = mount();
    await emitConversation();
    expect(byId(element, 'claim')).toBeNull();
  });

  it('claims a pool conversation: the current user becomes its owner', async () => {
    const element = mount();
    await emitConversation(conversationRecord({ Routed_Owner_Id__c: 'pool', OwnerId: '005000000000009AAA' }));
    const toasts = [];
    element.addEventListener('lightning__showtoast', (event) => toasts.push(event.detail));
    byId(element, 'claim').click();
    await flush();
    expect(updateRecord).toHaveBeenCalledWith({
      fields: {
        Id: CONVERSATION_ID,
        OwnerId: CURRENT_USER,
        Routed_Owner_Id__c: CURRENT_USER,
        Claim_Status__c: 'requested',
      },
    });
    expect(toasts).toEqual([expect.objectContaining({ variant: 'success' })]);
  });

  it('says why Leadwire refused a claim', async () => {
    const element = mount();
    await emitConversation(
      conversationRecord({
        Claim_Status__c: 'refused',
        Claim_Note__c: 'conversation "x" is not in the pool',
      }),
    );
    expect(byId(element, 'claim-refused').textContent).toBe(
      'Claim not taken: conversation "x" is not in the pool',
    );
  });

  it('offers Claim for a conversation waiting in a queue', async () => {
    const element = mount();
    await emitConversation(conversationRecord({ Routed_Owner_Id__c: QUEUE_ID, OwnerId: QUEUE_ID }));
    expect(byId(element, 'claim')).not.toBeNull();
  });

  it('tells the user when the claim fails', async () => {
    updateRecord.mockRejectedValueOnce({ body: { message: 'insufficient access rights on object id' } });
    const element = mount();
    await emitConversation(conversationRecord({ Routed_Owner_Id__c: 'pool', OwnerId: '005000000000009AAA' }));
    const toasts = [];
    element.addEventListener('lightning__showtoast', (event) => toasts.push(event.detail));
    byId(element, 'claim').click();
    await flush();
    expect(toasts).toEqual([
      expect.objectContaining({ variant: 'error', message: 'insufficient access rights on object id' }),
    ]);
    expect(byId(element, 'claim').disabled).toBe(false);
  });

  describe('on what the adapter writes (a pool conversation from the emulator)', () => {
    async function emitPool(pageSize = 50) {
      await emitConversation(poolConversation.conversation, poolConversation.messages.slice(0, pageSize));
    }

    it('shows Claim, and claiming sends the owner and routed owner the org accepts from a Leadwire_User', async () => {
      const element = mount();
      await emitPool();
      expect(byId(element, 'claim')).not.toBeNull();
      byId(element, 'claim').click();
      await flush();
      expect(updateRecord).toHaveBeenCalledWith({
        fields: {
          Id: poolConversation.conversation.id,
          OwnerId: CURRENT_USER,
          Routed_Owner_Id__c: CURRENT_USER,
          Claim_Status__c: 'requested',
        },
      });
    });

    it('renders the routing trace: the rule, the rule skipped, who was skipped and why, the pool', async () => {
      const element = mount();
      await emitPool();
      const shown = byId(element, 'trace');
      expect(byId(element, 'trace-rule').textContent).toContain('riyadh-ac');
      expect(shown.textContent).toContain('Rule "jeddah" did not apply: area did not match');
      expect(shown.textContent).toContain('group:riyadh-team: nobody');
      expect(shown.textContent).toContain('005000000000002AAA: skipped (offline)');
      expect(shown.textContent).toContain('005000000000003AAA: skipped (at capacity)');
      expect(shown.textContent).toContain('pool: chosen');
      expect(shown.querySelector('pre')).toBeNull();
    });

    it('asks for the newest messages first and shows them oldest to newest, with "Load earlier" for the rest', async () => {
      const element = mount();
      await flush();
      getRelatedListRecords.emit(
        { records: [poolConversation.conversation], count: 1 },
        (config) => config.relatedListId === 'WhatsApp_Conversations__r',
      );
      await flush();
      getRecord.emit(poolConversation.conversation);
      const messagesConfig = () => {
        const config = getRelatedListRecords.getLastConfig();
        return config.relatedListId === 'Messages__r' ? config : undefined;
      };
      expect(messagesConfig()).toMatchObject({
        sortBy: ['-WhatsApp_Message__c.Sent_At__c'],
        pageSize: 50,
      });
      getRelatedListRecords.emit(
        { records: poolConversation.messages.slice(0, 50), count: 50, nextPageToken: '50' },
        (config) => config.relatedListId === 'Messages__r',
      );
      await flush();
      let texts = allById(element, 'message').map((line) => line.querySelector('.message__text').textContent);
      // the 70-message chat opens on its latest 50, in reading order
      expect(texts).toHaveLength(50);
      expect(texts[0]).toBe('message 21');
      expect(texts.at(-1)).toBe('message 70');

      byId(element, 'load-earlier').click();
      await flush();
      expect(messagesConfig()).toMatchObject({ pageSize: 100 });
      getRelatedListRecords.emit(
        { records: poolConversation.messages, count: 70, nextPageToken: null },
        (config) => config.relatedListId === 'Messages__r',
      );
      await flush();
      texts = allById(element, 'message').map((line) => line.querySelector('.message__text').textContent);
      expect(texts).toHaveLength(70);
      expect(texts[0]).toBe('message 1');
      expect(byId(element, 'load-earlier')).toBeNull();
    });
  });

  describe('replying through Leadwire', () => {
    const open = () =>
      conversationRecord({ Window_Expires_At__c: new Date(Date.now() + 3 * 3_600_000).toISOString() });

    it('inside the 24-hour window, saves the reply as a queued outbound message by a person', async () => {
      createRecord.mockResolvedValueOnce(
        record('WhatsApp_Message__c', 'a02000000000099AAA', {
          Direction__c: 'outbound',
          Author__c: 'human',
          Type__c: 'text',
          Body__c: 'On my way',
          Sent_At__c: '2026-11-20T09:10:00.000Z',
          Delivery_Status__c: 'queued',
        }),
      );
      const element = mount();
      await emitConversation(open());
      expect(byId(element, 'reply-closed')).toBeNull();
      expect(byId(element, 'send-reply').disabled).toBe(true);
      const box = byId(element, 'reply-text');
      box.value = '  On my way  ';
      box.dispatchEvent(new CustomEvent('change', { detail: { value: '  On my way  ' } }));
      await flush();
      byId(element, 'send-reply').click();
      await flush();
      expect(createRecord).toHaveBeenCalledTimes(1);
      const [input] = createRecord.mock.calls[0];
      expect(input.apiName).toBe('WhatsApp_Message__c');
      expect(input.fields).toMatchObject({
        Conversation__c: CONVERSATION_ID,
        Direction__c: 'outbound',
        Author__c: 'human',
        Type__c: 'text',
        Body__c: 'On my way',
        Delivery_Status__c: 'queued',
      });
      expect(input.fields.Wamid__c).toMatch(/^sf_/);
      // the line shows until Leadwire has sent it
      const last = allById(element, 'message').at(-1);
      expect(last.querySelector('.message__text').textContent).toBe('On my way');
      expect(last.querySelector('[data-id="delivery"]').textContent).toBe('Sending through Leadwire…');
    });

    it('after the window closed, offers no reply box and says why', async () => {
      const element = mount();
      await emitConversation(
        conversationRecord({ Window_Expires_At__c: new Date(Date.now() - 60_000).toISOString() }),
      );
      expect(byId(element, 'reply')).toBeNull();
      expect(byId(element, 'reply-closed').textContent).toContain('24-hour window has closed');
    });

    it('shows why Leadwire could not send a reply', async () => {
      const element = mount();
      await emitConversation(open(), [
        record('WhatsApp_Message__c', 'a02000000000098AAA', {
          Direction__c: 'outbound',
          Author__c: 'human',
          Type__c: 'text',
          Body__c: 'Hello?',
          Sent_At__c: '2026-11-20T09:10:00.000Z',
          Delivery_Status__c: 'failed',
          Delivery_Error__c: "WhatsApp's 24-hour window closed at 2026-11-20T09:09:00.000Z",
        }),
      ]);
      expect(byId(element, 'delivery').textContent).toContain('Not sent: WhatsApp');
    });
  });
});

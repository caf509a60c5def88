// The WhatsApp conversation on a Lead, Contact, Opportunity or Case page: the transcript (voice notes with
// their transcription), the signals and decision reasons, the routing trace and SLA, "Open in WhatsApp"
// and "Claim" for a conversation waiting in the pool. Data through the UI API wire adapters, no Apex:
// the record's conversations (the WhatsApp_Conversations related list every lookup shares), the latest
// one's record, and its messages (the Messages related list of the master-detail).

import USER_ID from '@salesforce/user/Id';
import { NavigationMixin } from 'lightning/navigation';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { createRecord, getRecord, updateRecord } from 'lightning/uiRecordApi';
import { getRelatedListRecords } from 'lightning/uiRelatedListApi';
import { api, LightningElement, wire } from 'lwc';
import {
  decisionReasons,
  errorMessage,
  isClaimable,
  latestConversation,
  MAX_REPLY_CHARS,
  replyFields,
  replyWindow,
  routingTrace,
  slaState,
  statusLabel,
  textValue,
  transcriptLines,
  whatsappUrl,
} from './conversationView';
import {
  CONVERSATION_FIELDS,
  CONVERSATION_LIST_FIELDS,
  CONVERSATION_OPTIONAL_FIELDS,
  CONVERSATIONS_RELATED_LIST,
  MAX_MESSAGES,
  MESSAGE_FIELDS,
  MESSAGE_OBJECT,
  MESSAGE_PAGE_SIZE,
  MESSAGE_SORT,
  MESSAGES_RELATED_LIST,
} from './fields';

export default class WhatsappConversation extends NavigationMixin(LightningElement) {
  /**
   * the Lead, Contact, Opportunity or Case the page shows
   * @type {string | undefined}
   */
  @api recordId;
  /**
   * its object API name (set by the record page)
   * @type {string | undefined}
   */
  @api objectApiName;

  /** @type {import('lightning/uiRelatedListApi').RelatedListRecordsResult | undefined} */
  conversations;
  /** @type {unknown} */
  conversationsError;
  /** @type {import('lightning/uiRecordApi').RecordRepresentation | undefined} */
  conversation;
  /** @type {unknown} */
  conversationError;
  /** @type {import('lightning/uiRecordApi').RecordRepresentation[]} */
  messages = [];
  /** @type {unknown} */
  messagesError;
  /** how many of the latest messages the wire asks for; "Load earlier" asks for a page more */
  messageCount = MESSAGE_PAGE_SIZE;
  /** the org holds messages older than those loaded */
  hasEarlier = false;
  loadingEarlier = false;
  claiming = false;
  replyText = '';
  sending = false;
  maxReplyChars = MAX_REPLY_CHARS;

  /** @param {import('lightning/uiRecordApi').WireResult<import('lightning/uiRelatedListApi').RelatedListRecordsResult>} result */
  @wire(getRelatedListRecords, {
    parentRecordId: '$recordId',
    relatedListId: CONVERSATIONS_RELATED_LIST,
    fields: CONVERSATION_LIST_FIELDS,
  })
  wiredConversations(result) {
    this.conversations = result.data;
    this.conversationsError = result.error;
  }

  /** @param {import('lightning/uiRecordApi').WireResult<import('lightning/uiRecordApi').RecordRepresentation>} result */
  @wire(getRecord, {
    recordId: '$conversationId',
    fields: CONVERSATION_FIELDS,
    optionalFields: CONVERSATION_OPTIONAL_FIELDS,
  })
  wiredConversation(result) {
    this.conversation = result.data;
    this.conversationError = result.error;
  }

  /** @param {import('lightning/uiRecordApi').WireResult<import('lightning/uiRelatedListApi').RelatedListRecordsResult>} result */
  @wire(getRelatedListRecords, {
    parentRecordId: '$conversationId',
    relatedListId: MESSAGES_RELATED_LIST,
    fields: MESSAGE_FIELDS,
    sortBy: [MESSAGE_SORT],
    pageSize: '$messageCount',
  })
  wiredMessages(result) {
    this.messagesError = result.error;
    this.loadingEarlier = false;
    if (!result.data) return;
    this.messages = result.data.records;
    this.hasEarlier = Boolean(result.data.nextPageToken) && this.messageCount < MAX_MESSAGES;
  }

  /** the conversation with the latest message among those linked to the record */
  get conversationId() {
    return latestConversation(this.conversations?.records ?? [])?.id;
  }

  get error() {
    const error = this.conversationsError ?? this.conversationError ?? this.messagesError;
    return error ? errorMessage(error) : null;
  }

  get isLoading() {
    if (this.error) return false;
    if (!this.conversations) return true;
    return this.conversationId !== undefined && !this.conversation;
  }

  get isEmpty() {
    return !this.error && !this.isLoading && this.conversationId === undefined;
  }

  get hasConversation() {
    return !this.error && !this.isLoading && this.conversation !== undefined;
  }

  get conversationCount() {
    return this.conversations?.records.length ?? 0;
  }

  get otherConversationsNote() {
    const others = this.conversationCount - 1;
    return others > 0
      ? `${others} older conversation${others === 1 ? '' : 's'} in the WhatsApp Conversations list`
      : '';
  }

  get customerName() {
    return textValue(this.conversation, 'Customer_Name__c');
  }

  get title() {
    return this.customerName ? `WhatsApp · ${this.customerName}` : 'WhatsApp';
  }

  get phone() {
    return textValue(this.conversation, 'Phone__c');
  }

  get status() {
    return statusLabel(textValue(this.conversation, 'Status__c'));
  }

  get ownerName() {
    return textValue(this.conversation, 'Owner.Name');
  }

  get isUrgent() {
    return textValue(this.conversation, 'Urgency__c') === 'urgent';
  }

  get waUrl() {
    return whatsappUrl(textValue(this.conversation, 'WhatsApp_Id__c') || this.phone);
  }

  get cannotOpen() {
    return this.waUrl === null;
  }

  get signals() {
    /** @type {[string, string][]} */
    const rows = [
      ['Decision', textValue(this.conversation, 'Decision__c')],
      ['Urgency', textValue(this.conversation, 'Urgency__c')],
      ['Service', textValue(this.conversation, 'Service_Type__c')],
      ['Area', textValue(this.conversation, 'Service_Area__c')],
      ['Language', textValue(this.conversation, 'Language__c')],
      ['Timing', textValue(this.conversation, 'Timing__c')],
    ];
    return rows.filter(([, value]) => value !== '').map(([label, value]) => ({ key: label, label, value }));
  }

  get hasSignals() {
    return this.signals.length > 0;
  }

  get reasons() {
    return decisionReasons(textValue(this.conversation, 'Decision_Reasons__c'));
  }

  get hasReasons() {
    return this.reasons.length > 0;
  }

  get trace() {
    return routingTrace(textValue(this.conversation, 'Routing_Trace__c'));
  }

  get sla() {
    return slaState(textValue(this.conversation, 'SLA_Due__c'), Date.now());
  }

  get slaClass() {
    return `sla sla_${this.sla.state}`;
  }

  get lines() {
    return transcriptLines(this.messages, this.customerName);
  }

  get hasLines() {
    return this.lines.length > 0;
  }

  /** A page more of the latest messages: the earlier ones join the transcript above. */
  handleLoadEarlier() {
    if (!this.hasEarlier || this.loadingEarlier) return;
    this.loadingEarlier = true;
    this.messageCount = Math.min(this.messageCount + MESSAGE_PAGE_SIZE, MAX_MESSAGES);
  }

  /** Leadwire refused the last Claim (someone else was assigned first): why, for the rep */
  get claimRefusal() {
    return textValue(this.conversation, 'Claim_Status__c') === 'refused'
      ? `Claim not taken: ${textValue(this.conversation, 'Claim_Note__c') || 'Leadwire refused it'}`
      : '';
  }

  get canClaim() {
    return isClaimable({
      routedOwnerId: textValue(this.conversation, 'Routed_Owner_Id__c'),
      ownerId: textValue(this.conversation, 'OwnerId'),
      userId: USER_ID,
    });
  }

  get replyState() {
    return replyWindow(textValue(this.conversation, 'Window_Expires_At__c'), Date.now());
  }

  get canReply() {
    return this.replyState.open;
  }

  get cannotSend() {
    return this.sending || this.replyText.trim() === '';
  }

  /** @param {CustomEvent & { detail: { value: string } }} event */
  handleReplyChange(event) {
    this.replyText = event.detail.value ?? '';
  }

  /**
   * Saves the reply as a queued message: Leadwire sends it on WhatsApp (the 24-hour window allowing), records it as
   * a person's message so the agent stays silent, and marks it sent or failed here.
   */
  async handleSendReply() {
    const id = this.conversationId;
    const text = this.replyText.trim();
    if (!id || !text || this.sending) return;
    this.sending = true;
    try {
      const saved = await createRecord({
        apiName: MESSAGE_OBJECT,
        fields: replyFields(id, text, Date.now()),
      });
      this.messages = [...this.messages, saved];
      this.replyText = '';
      this.dispatchEvent(
        new ShowToastEvent({
          title: 'Reply queued',
          message: 'Leadwire sends it on WhatsApp within a minute; the agent stays silent from now on.',
          variant: 'success',
        }),
      );
    } catch (error) {
      this.dispatchEvent(
        new ShowToastEvent({
          title: 'Could not save the reply',
          message: errorMessage(error),
          variant: 'error',
        }),
      );
    } finally {
      this.sending = false;
    }
  }

  handleOpenWhatsApp() {
    const url = this.waUrl;
    if (!url) return;
    this[NavigationMixin.Navigate]({ type: 'standard__webPage', attributes: { url } });
  }

  /** Takes a pool conversation: the current user becomes its owner (and its routed owner, so it leaves the pool). */
  async handleClaim() {
    const id = this.conversationId;
    if (!id || this.claiming) return;
    this.claiming = true;
    try {
      // Leadwire's routing takes the claim on its next pass (or refuses it: Claim_Status__c says which)
      await updateRecord({
        fields: { Id: id, OwnerId: USER_ID, Routed_Owner_Id__c: USER_ID, Claim_Status__c: 'requested' },
      });
      this.dispatchEvent(
        new ShowToastEvent({
          title: 'Conversation claimed',
          message: 'You now own this WhatsApp conversation.',
          variant: 'success',
        }),
      );
    } catch (error) {
      this.dispatchEvent(
        new ShowToastEvent({
          title: 'Could not claim the conversation',
          message: errorMessage(error),
          variant: 'error',
        }),
      );
    } finally {
      this.claiming = false;
    }
  }
}

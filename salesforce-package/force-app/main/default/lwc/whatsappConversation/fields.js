// The objects, fields and relationships whatsappConversation reads, in one import-free module so the
// contract test (test/metadata-contract.test.ts) can prove each exists in force-app's metadata.

const CONVERSATION = 'WhatsApp_Conversation__c';
const MESSAGE = 'WhatsApp_Message__c';

/** The child relationship of the Lead__c, Contact__c, Opportunity__c and Case__c lookups (one name for all four). */
export const CONVERSATIONS_RELATED_LIST = 'WhatsApp_Conversations__r';
/** The child relationship of WhatsApp_Message__c.Conversation__c. */
export const MESSAGES_RELATED_LIST = 'Messages__r';
/** The messages the card loads a page at a time, newest first (the UI API allows up to 1,999 per page). */
export const MESSAGE_PAGE_SIZE = 50;
/** The UI API's largest page of related records: the most a transcript shows. */
export const MAX_MESSAGES = 1999;

/** Enough of each linked conversation to pick the latest. */
export const CONVERSATION_LIST_FIELDS = [`${CONVERSATION}.Name`, `${CONVERSATION}.Last_Message_At__c`];
export const CONVERSATION_FIELDS = [`${CONVERSATION}.Name`];
/** optional: a field the user may not read leaves a gap instead of failing the whole card */
export const CONVERSATION_OPTIONAL_FIELDS = [
  'Customer_Name__c',
  'Phone__c',
  'WhatsApp_Id__c',
  'Status__c',
  'Urgency__c',
  'Decision__c',
  'Decision_Reasons__c',
  'Service_Type__c',
  'Service_Area__c',
  'Language__c',
  'Timing__c',
  'Routing_Trace__c',
  'Routed_Owner_Id__c',
  'Claim_Status__c',
  'Claim_Note__c',
  'SLA_Due__c',
  'Window_Expires_At__c',
  'Last_Message_At__c',
  'OwnerId',
  'Owner.Name',
].map((field) => `${CONVERSATION}.${field}`);
export const MESSAGE_FIELDS = [
  'Direction__c',
  'Author__c',
  'Type__c',
  'Body__c',
  'Transcription__c',
  'Media_Id__c',
  'Sent_At__c',
  'Delivery_Status__c',
  'Delivery_Error__c',
].map((field) => `${MESSAGE}.${field}`);
/** The object a reply is saved as (Leadwire sends it, see replyFields). */
export const MESSAGE_OBJECT = MESSAGE;
export const MESSAGE_SORT_FIELD = `${MESSAGE}.Sent_At__c`;
/** Newest first (`-` sorts descending): a long chat opens on its latest messages, "Load earlier" pages back. */
export const MESSAGE_SORT = `-${MESSAGE_SORT_FIELD}`;

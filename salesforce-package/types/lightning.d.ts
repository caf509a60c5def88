// Hand-written declarations for the lightning/* and @salesforce/* modules Leadwire's components use
// (shapes from the UI API reference: record, related list and navigation wire adapters and functions).
// Ambient module declarations: this file has no top-level import or export.

declare module 'lightning/uiRecordApi' {
  import type { WireAdapterConstructor } from '@lwc/engine-core';

  /** A field's value as the UI API returns it; spanning fields (`Owner.Name`) hold a nested record. */
  export interface FieldValueRepresentation {
    value: string | number | boolean | null | RecordRepresentation;
    displayValue: string | null;
  }

  export interface RecordRepresentation {
    apiName: string;
    id: string;
    fields: Record<string, FieldValueRepresentation>;
    childRelationships?: Record<string, unknown>;
    lastModifiedDate?: string;
    recordTypeId?: string | null;
  }

  /** `Object.Field` as a string, or the object `@salesforce/schema/Object.Field` imports. */
  export type FieldId = string | { objectApiName: string; fieldApiName: string };

  export interface GetRecordConfig {
    recordId: string | undefined;
    fields?: FieldId[];
    optionalFields?: FieldId[];
    layoutTypes?: ('Compact' | 'Full')[];
    modes?: ('Create' | 'Edit' | 'View')[];
  }

  /** The error a UI API call rejects or a wire adapter provisions with (a FetchResponse). */
  export interface FetchResponse {
    body: { message?: string; errorCode?: string } | { message?: string; errorCode?: string }[];
    ok: boolean;
    status: number;
    statusText: string;
  }

  export interface WireResult<T> {
    data?: T;
    error?: FetchResponse;
  }

  export const getRecord: WireAdapterConstructor<GetRecordConfig, WireResult<RecordRepresentation>>;
  export function getFieldValue(record: RecordRepresentation, field: FieldId): unknown;
  export function getFieldDisplayValue(
    record: RecordRepresentation,
    field: FieldId,
  ): string | null | undefined;

  export interface RecordInput {
    /** `Id` for an update, plus the fields to change, by API name */
    fields: Record<string, unknown>;
    apiName?: string;
  }
  export function updateRecord(
    recordInput: RecordInput,
    clientOptions?: { ifUnmodifiedSince?: string },
  ): Promise<RecordRepresentation>;
  export function createRecord(recordInput: RecordInput & { apiName: string }): Promise<RecordRepresentation>;
  export function deleteRecord(recordId: string): Promise<void>;
  export function notifyRecordUpdateAvailable(items: { recordId: string }[]): Promise<void>;
}

declare module 'lightning/uiRelatedListApi' {
  import type { WireAdapterConstructor } from '@lwc/engine-core';
  import type { FieldId, RecordRepresentation, WireResult } from 'lightning/uiRecordApi';

  export interface GetRelatedListRecordsConfig {
    parentRecordId: string | undefined;
    /** a related list id, or (API 62.0+) a child relationship name such as `Messages__r` */
    relatedListId: string;
    fields?: FieldId[];
    optionalFields?: FieldId[];
    /** one field; `-` in front sorts descending */
    sortBy?: string[];
    pageSize?: number;
    pageToken?: string;
    /** a GraphQL-style filter */
    where?: string;
  }

  export interface RelatedListRecordsResult {
    records: RecordRepresentation[];
    count: number;
    currentPageToken?: string | null;
    nextPageToken?: string | null;
    previousPageToken?: string | null;
    listReference?: { parentObjectApiName: string; relatedListId: string };
  }

  export const getRelatedListRecords: WireAdapterConstructor<
    GetRelatedListRecordsConfig,
    WireResult<RelatedListRecordsResult>
  >;
}

declare module 'lightning/navigation' {
  import type { WireAdapterConstructor } from '@lwc/engine-core';
  import type { LightningElement } from 'lwc';

  export interface PageReference {
    type: string;
    attributes?: Record<string, unknown>;
    state?: Record<string, string>;
  }

  export interface NavigationMixinApi {
    [NavigationMixin.Navigate](pageReference: PageReference, replace?: boolean): void;
    [NavigationMixin.GenerateUrl](pageReference: PageReference): Promise<string>;
  }

  interface NavigationMixinFunction {
    /** the base class with `this[NavigationMixin.Navigate]` and `this[NavigationMixin.GenerateUrl]` */
    <T extends new (...args: never[]) => LightningElement>(
      Base: T,
    ): new (
      ...args: ConstructorParameters<T>
    ) => InstanceType<T> & NavigationMixinApi;
    readonly Navigate: unique symbol;
    readonly GenerateUrl: unique symbol;
  }

  export const NavigationMixin: NavigationMixinFunction;
  export const CurrentPageReference: WireAdapterConstructor<Record<string, never>, PageReference>;
}

declare module 'lightning/platformShowToastEvent' {
  export interface ToastOptions {
    title: string;
    message?: string;
    variant?: 'info' | 'success' | 'warning' | 'error';
    mode?: 'dismissible' | 'pester' | 'sticky';
    messageData?: unknown[];
  }
  export class ShowToastEvent extends CustomEvent<ToastOptions> {
    constructor(toast: ToastOptions);
  }
}

declare module '@salesforce/user/Id' {
  /** the current user's 18-character id */
  const userId: string;
  export default userId;
}

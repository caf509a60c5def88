// lightning/navigation for Jest: NavigationMixin records each Navigate call, so a test can assert
// the page reference (the sfdx-lwc-jest stub is a no-op). After trailheadapps/lwc-recipes
// force-app/test/jest-mocks/lightning/navigation.js.
import { createTestWireAdapter } from '@salesforce/wire-service-jest-util';

export const CurrentPageReference = createTestWireAdapter(jest.fn());

const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');

export const mockNavigate = jest.fn();

export const NavigationMixin = (Base) =>
  class extends Base {
    [Navigate](pageReference, replace) {
      mockNavigate({ pageReference, replace });
    }
    [GenerateUrl](pageReference) {
      return Promise.resolve(pageReference?.attributes?.url ?? 'https://www.example.com');
    }
  };
NavigationMixin.Navigate = Navigate;
NavigationMixin.GenerateUrl = GenerateUrl;

/** The last Navigate call's arguments, `{ pageReference: undefined }` when there was none. */
export const getNavigateCalledWith = () => mockNavigate.mock.lastCall?.[0] ?? { pageReference: undefined };

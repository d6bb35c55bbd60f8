import type { PersonRecord } from '@app/persistence';
import { EXTERNAL_ID_SYSTEMS, type PersonDetails } from '@app/workflows';

/** A person as the API answers: the record, with the NHS number where it has one. */
export type PersonView = PersonDetails & {
  id: string;
  nhsNumber: string | null;
  area: string;
  version: number;
  createdAt: string;
  updatedAt: string;
};

export function personView(person: PersonRecord): PersonView {
  const { referenceAreas: _whoMaySee, ...record } = person;
  const nhsNumber = person.externalIds.find((id) => id.system === EXTERNAL_ID_SYSTEMS.nhsNumber)?.value ?? null;
  return { ...record, nhsNumber };
}

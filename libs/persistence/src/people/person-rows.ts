import type { EntityManager } from 'typeorm';
import type { ContactPoint, ExternalId, Gender, PersonDetails, PersonKind } from '@app/workflows';
import type { PersonRecord } from './people.types';

interface PersonRow {
  id: string;
  kind: PersonKind;
  given_name: string | null;
  family_name: string | null;
  date_of_birth: string | null;
  expected_delivery_date: string | null;
  gender: Gender | null;
  language: string | null;
  interpreter_language: string | null;
  access_needs: string | null;
  confidential_address: boolean;
  address_lines: string[] | null;
  postcode: string | null;
  area: string;
  version: number;
  created_at: Date;
  updated_at: Date;
  external_ids: ExternalId[];
  contact_points: ContactPoint[];
  reference_areas: string[];
}

const SELECT_PERSON = `
  SELECT p.id, p.kind, p.given_name, p.family_name,
         to_char(p.date_of_birth, 'YYYY-MM-DD') AS date_of_birth,
         to_char(p.expected_delivery_date, 'YYYY-MM-DD') AS expected_delivery_date,
         p.gender, p.language, p.interpreter_language, p.access_needs, p.confidential_address,
         p.address_lines, p.postcode, p.area, p.version, p.created_at, p.updated_at,
         COALESCE((SELECT json_agg(json_build_object('system', e.system, 'value', e.value) ORDER BY e.system)
                     FROM person_external_id e WHERE e.person_id = p.id), '[]') AS external_ids,
         COALESCE((SELECT json_agg(json_build_object('system', c.system, 'value', c.value, 'use', c.use) ORDER BY c.position)
                     FROM person_contact_point c WHERE c.person_id = p.id), '[]') AS contact_points,
         ARRAY(SELECT DISTINCT r.area FROM person_reference r
                WHERE r.person_id = p.id AND r.area IS NOT NULL ORDER BY r.area) AS reference_areas
    FROM person p
   WHERE p.id = $1`;

/** One person with their external ids, contact points and the areas referring to them; FOR UPDATE locks the row. */
export async function readPerson(
  manager: EntityManager,
  id: string,
  lock: 'none' | 'update' = 'none',
): Promise<PersonRecord | undefined> {
  const rows: PersonRow[] = await manager.query(`${SELECT_PERSON}${lock === 'update' ? ' FOR UPDATE OF p' : ''}`, [id]);
  const row = rows[0];
  if (!row) return undefined;
  return {
    id: row.id,
    kind: row.kind,
    givenName: row.given_name,
    familyName: row.family_name,
    dateOfBirth: row.date_of_birth,
    expectedDeliveryDate: row.expected_delivery_date,
    gender: row.gender,
    language: row.language,
    interpreterLanguage: row.interpreter_language,
    accessNeeds: row.access_needs,
    confidentialAddress: row.confidential_address,
    address: row.address_lines ? { lines: row.address_lines, postcode: row.postcode } : null,
    contactPoints: row.contact_points,
    externalIds: row.external_ids,
    area: row.area,
    referenceAreas: row.reference_areas,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

const detailColumns = (person: PersonDetails) => [
  person.kind,
  person.givenName,
  person.familyName,
  person.dateOfBirth,
  person.expectedDeliveryDate,
  person.gender,
  person.language,
  person.interpreterLanguage,
  person.accessNeeds,
  person.confidentialAddress,
  person.address?.lines ?? null,
  person.address?.postcode ?? null,
];

export async function insertPerson(
  tx: EntityManager,
  id: string,
  person: PersonDetails,
  area: string,
  now: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO person (id, kind, given_name, family_name, date_of_birth, expected_delivery_date, gender, language,
       interpreter_language, access_needs, confidential_address, address_lines, postcode, area, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)`,
    [id, ...detailColumns(person), area, now],
  );
  await replaceContactPoints(tx, id, person.contactPoints);
}

/** Writes every detail column and bumps the version (the caller holds the row lock). */
export async function updatePerson(tx: EntityManager, id: string, person: PersonDetails, now: Date): Promise<void> {
  await tx.query(
    `UPDATE person SET kind = $2, given_name = $3, family_name = $4, date_of_birth = $5, expected_delivery_date = $6,
       gender = $7, language = $8, interpreter_language = $9, access_needs = $10, confidential_address = $11,
       address_lines = $12, postcode = $13, updated_at = $14, version = version + 1
     WHERE id = $1`,
    [id, ...detailColumns(person), now],
  );
}

export async function replaceContactPoints(tx: EntityManager, id: string, points: ContactPoint[]): Promise<void> {
  await tx.query(`DELETE FROM person_contact_point WHERE person_id = $1`, [id]);
  if (points.length === 0) return;
  await tx.query(
    `INSERT INTO person_contact_point (person_id, position, system, value, use)
     SELECT $1, ordinality, system, value, use
       FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS point (system, value, use, ordinality)`,
    [id, points.map((p) => p.system), points.map((p) => p.value), points.map((p) => p.use)],
  );
}

import type { EntityManager } from 'typeorm';

export interface ChairInput {
  displayName: string;
  /** Work address. */
  email: string;
  /** The areas this chair chairs (each area has one chair). */
  homeAreas: string[];
}

export interface CoverView {
  id: string;
  chairSub: string;
  area: string;
  from: string;
  to: string;
}

export interface AbsenceView {
  id: string;
  chairSub: string;
  from: string;
  to: string;
}

export interface ChairView extends ChairInput {
  sub: string;
  /** Cover arrangements that have not ended. */
  covers: CoverView[];
  /** Absences that have not ended. */
  absences: AbsenceView[];
  createdAt: string;
  updatedAt: string;
}

export interface BookingView {
  id: string;
  /** The chair's or minute taker's subject id. */
  sub: string;
  workflowId: string | null;
  start: string;
  end: string;
  cancelledAt: string | null;
}

export interface BookingInput {
  /** The chair's or minute taker's subject id. */
  sub: string;
  /** The conference booked, when there is one (a chair's other commitments have none). */
  workflowId: string | null;
  start: Date;
  end: Date;
  /** Who books: the identity provider's subject id. */
  by: string;
}

export interface ChairWriteHooks {
  /** Runs in the write's transaction. */
  alsoInTransaction?: (tx: EntityManager) => Promise<void>;
}

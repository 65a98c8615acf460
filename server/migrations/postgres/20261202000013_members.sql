-- The whole roster entry (issue 18; seeds 000, 001; Law 30/2023 Art. 13 and 17): gender,
-- residence since when, the chairman's approval for a member over 70, the certificate's
-- date, the area the member answers for, and why and how they left. Schooling keeps its
-- column: older rows hold text such as "9/12", which the app reads into a level.
ALTER TABLE members ADD COLUMN gender TEXT CHECK (gender IN ('male', 'female'));
ALTER TABLE members ADD COLUMN resident_since DATE;
ALTER TABLE members ADD COLUMN age_approved_by TEXT;
ALTER TABLE members ADD COLUMN age_approval_no TEXT;
ALTER TABLE members ADD COLUMN age_approved_on DATE;
ALTER TABLE members ADD COLUMN certificate_on DATE;
ALTER TABLE members ADD COLUMN area_id BIGINT REFERENCES org_units(id);
ALTER TABLE members ADD COLUMN leave_reason TEXT;
ALTER TABLE members ADD COLUMN leave_note TEXT NOT NULL DEFAULT '';
-- A password someone else chose (a new member's first one, a reset) must be replaced by
-- its owner before the account holds any role.
ALTER TABLE users ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT FALSE;
-- Communes where primary schooling is enough to serve (mountain, border, island,
-- ethnic-minority areas).
ALTER TABLE org_units ADD COLUMN remote BOOLEAN NOT NULL DEFAULT FALSE;

-- A team's founding decision (issue 18): the number and date of the commune chairman's
-- decision that set it up (Law 30/2023 Art. 14), kept with the team.
ALTER TABLE teams ADD COLUMN decision_no TEXT NOT NULL DEFAULT '';
ALTER TABLE teams ADD COLUMN decided_on DATE;

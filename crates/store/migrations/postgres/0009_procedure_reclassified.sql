-- Procedure imports that changed a procedure's sector or toàn trình offer: the KPI aggregate
-- of a server counts the plan's sector groups and toàn trình procedures apart, by classes
-- read with the dossiers; a server whose aggregate was built before the latest such import
-- rebuilds it.
ALTER TABLE dossier_change_head ADD COLUMN reclassified BIGINT NOT NULL DEFAULT 0;

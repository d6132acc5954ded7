-- A dossier handled in cchc counts in the statistics for its competent unit, not for the desk
-- that received it: the drill-down reads a unit's dossiers by competent unit and receipt, and
-- every server rebuilds its live aggregate, which counted them for the receiving desk.
CREATE INDEX dossiers_competent_received ON dossiers (province, competent_unit, received_at);
UPDATE dossier_change_head SET rebuilds = rebuilds + 1;

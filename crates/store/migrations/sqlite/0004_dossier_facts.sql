-- Dossiers imported from the national portal (DongBoHoSoMC items) live in the dossier
-- projection like those handled in cchc; their statistics facts (DossierFacts as JSON) are kept
-- here because they have no event history. NULL for dossiers handled in cchc, whose facts come
-- from their state.
ALTER TABLE dossiers ADD COLUMN facts TEXT;

-- The statistics count a period's plan items by responsible and latest status. With every column the count reads
-- in one index, under the item's planering, the items are read from the index alone, not row by row from the
-- table (on PostgreSQL, a year's 150 000 items of a region took a quarter less time).
CREATE INDEX planpunkt_statistik ON planpunkt (planering_id, borttagen, skapad, ansvarig_deltagaren,
    ansvarig_organisation_id, senaste_status, senaste_status_datum);

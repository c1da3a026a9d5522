-- A device upload writes up to a million devices in one transaction. The foreign keys from device to customer and to
-- customer_location checked (and locked) the parent row once per device: two thirds of the time of writing them.
-- The same rules now hold once per statement. The parents of the rows a statement wrote are locked as a foreign key
-- locks them (FOR KEY SHARE: no one can delete them before this transaction ends) and must exist; deleting a customer
-- deletes its devices; deleting a location leaves its devices without one.
ALTER TABLE device DROP CONSTRAINT device_customer_id_fkey;
ALTER TABLE device DROP CONSTRAINT device_location_id_fkey;

CREATE FUNCTION device_parents_exist() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    customers uuid[];
    locations uuid[];
BEGIN
    -- one pass over the written rows: their few distinct parents
    SELECT coalesce(array_agg(DISTINCT p.customer_id), '{}'),
           coalesce(array_agg(DISTINCT p.location_id) FILTER (WHERE p.location_id IS NOT NULL), '{}')
    INTO customers, locations
    FROM (SELECT DISTINCT customer_id, location_id FROM written) p;
    PERFORM 1 FROM customer c WHERE c.id = ANY (customers) FOR KEY SHARE;
    PERFORM 1 FROM customer_location l WHERE l.id = ANY (locations) FOR KEY SHARE;
    IF (SELECT count(*) FROM customer c WHERE c.id = ANY (customers)) < cardinality(customers) THEN
        RAISE EXCEPTION 'A device refers to a customer that does not exist' USING ERRCODE = 'foreign_key_violation';
    END IF;
    IF (SELECT count(*) FROM customer_location l WHERE l.id = ANY (locations)) < cardinality(locations) THEN
        RAISE EXCEPTION 'A device refers to a location that does not exist' USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER device_parents_on_insert AFTER INSERT ON device
    REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION device_parents_exist();
CREATE TRIGGER device_parents_on_update AFTER UPDATE ON device
    REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION device_parents_exist();

CREATE FUNCTION customer_devices_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM device d USING gone g WHERE d.organization_id = g.organization_id AND d.customer_id = g.id;
    RETURN NULL;
END $$;

CREATE TRIGGER customer_deletes_devices AFTER DELETE ON customer
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION customer_devices_deleted();

-- Devices of a customer deleted in the same statement are left to the trigger above.
CREATE FUNCTION location_devices_unplaced() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE device d SET location_id = NULL
    FROM gone g
    WHERE d.organization_id = g.organization_id AND d.customer_id = g.customer_id AND d.location_id = g.id
      AND EXISTS (SELECT 1 FROM customer c WHERE c.id = d.customer_id);
    RETURN NULL;
END $$;

CREATE TRIGGER location_unplaces_devices AFTER DELETE ON customer_location
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION location_devices_unplaced();

-- SIM orders: an organisation orders N SIMs (OPEN); the platform operator fulfils the order from stock (COMPLETED)
-- or cancels it. Numbers count per organisation, so they tell nobody how many orders other organisations placed.
CREATE TABLE sim_order (
    id               uuid PRIMARY KEY,
    organization_id  uuid          NOT NULL REFERENCES organization (id),
    number           integer       NOT NULL,
    quantity         integer       NOT NULL CHECK (quantity BETWEEN 1 AND 100000),
    status           varchar(16)   NOT NULL CHECK (status IN ('OPEN', 'COMPLETED', 'CANCELLED')),
    unit_price       numeric(12, 2) NOT NULL,
    currency         char(3)       NOT NULL,
    placed_by        varchar(200)  NOT NULL,
    placed_at        timestamptz   NOT NULL DEFAULT now(),
    closed_by        varchar(200),
    closed_at        timestamptz,
    first_iccid      varchar(20),
    last_iccid       varchar(20)
);
CREATE UNIQUE INDEX sim_order_number_uk ON sim_order (organization_id, number);
CREATE INDEX sim_order_open_ix ON sim_order (organization_id) WHERE status = 'OPEN';

-- A SIM action is running from the request until the network answers; the simulator answers at once.
ALTER TABLE network_request ADD COLUMN completed_at timestamptz;
UPDATE network_request SET completed_at = requested_at;
CREATE INDEX network_request_running_ix ON network_request (organization_id) WHERE completed_at IS NULL;

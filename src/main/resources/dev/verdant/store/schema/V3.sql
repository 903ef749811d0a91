-- Verdant store, schema version 3: the training-strategy state of each epoch (issue 5). NULL in runs recorded
-- before: they had no strategies.

ALTER TABLE epochs ADD COLUMN resolution INTEGER;
ALTER TABLE epochs ADD COLUMN depth INTEGER;
ALTER TABLE epochs ADD COLUMN frozen_layers INTEGER;
ALTER TABLE epochs ADD COLUMN drop_rate REAL;
ALTER TABLE epochs ADD COLUMN train_flops_per_sample INTEGER;

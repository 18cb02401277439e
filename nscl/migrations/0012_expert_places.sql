-- Experts get a place (where they work): without one, an expert counted only for a plan covering
-- the whole deployment, so a plan on part of a merged province (Plan 676 on former Quảng Bình) saw
-- none of its experts. Optional: an expert without a place still counts for whole-deployment plans.
ALTER TABLE experts ADD COLUMN place_code VARCHAR;
ALTER TABLE experts_history ADD COLUMN place_code VARCHAR;

-- The Prefect server keeps its own database beside figwatch's.
CREATE DATABASE prefect;

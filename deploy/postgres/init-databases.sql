-- One database per subgraph (each subgraph owns its data); migrations run when each service starts.
CREATE DATABASE holovitals_identity;
CREATE DATABASE holovitals_patient;
CREATE DATABASE holovitals_standards;

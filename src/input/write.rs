//! A case file written back out as YAML, in the form a practitioner would write it.

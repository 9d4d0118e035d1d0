//! Pedigree tables (LINKAGE/PLINK .ped, and id,father,mother,sex CSV) into a case file.

package bg.nrm.service;

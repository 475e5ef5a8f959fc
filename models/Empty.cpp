namespace rd { int modelsPlaceholder = 0; }

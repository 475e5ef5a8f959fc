namespace rd { int uiPlaceholder = 0; }

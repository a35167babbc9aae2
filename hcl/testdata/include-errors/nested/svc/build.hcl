include = ["../shared/*.hcl"] # ERROR: Include matches no file

include = [
  "services/*/build.hcl", # ERROR: Include matches no file
  "common.hcl",           # ERROR: Included file not found
  "services",             # ERROR: Included file is a folder
  "compose.yaml",         # ERROR: Compose file included
  "[",                    # ERROR: Invalid include pattern
]

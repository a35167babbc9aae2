include = [
  "build.hcl", # ERROR: Include cycle
]

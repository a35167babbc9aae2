target "app" {
  tags = "not-a-list" # ERROR: Wrong type for tags
  args = ["a"] # ERROR: Wrong type for args
  no-cache = "maybe" # ERROR: Wrong type for no-cache
  output = "type=local,dest=out" # ERROR: Wrong type for output
  context = ["."] # ERROR: Wrong type for context
  cache-from = [["x"]] # ERROR: Invalid cache-from entry
  platforms = ["linux/amd64", null] # ERROR: Null in platforms
}

target "default" {
  tags = all_tags("api", concat(["latest"], SUFFIXES))
  args = { R = repo("x") }
}

variable "NOTHING" { default = null }
target "default" {
  tags = ["a", null, "b"]
  args = { N = NOTHING, E = "" }
  labels = { E = "" }
  dockerfile = NOTHING
  target = null
}

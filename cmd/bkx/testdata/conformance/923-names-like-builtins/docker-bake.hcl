variable "upper" { default = "v-upper" }
variable "target" { default = "var-target" }
function "join3" {
  params = [a]
  result = join("-", [a, a, a])
}
target "upper" {
  args = { U = upper, UF = upper("x") }
}
target "join" {
  tags = [join(",", ["a", "b"]), join3("z")]
}
target "BAKE_CMD_CONTEXT" {
  args = { C = BAKE_CMD_CONTEXT }
}
target "default" {
  args = { T = target }
}
group "lower" {
  targets = ["upper", "join", "BAKE_CMD_CONTEXT", "default"]
}

variable "name" { default = "global" }
function "greet" {
  params = [name]
  result = "hi ${name}"
}
function "greet_global" {
  params = []
  result = "hi ${name}"
}
target "default" {
  args = { A = greet("local"), B = greet_global() }
}

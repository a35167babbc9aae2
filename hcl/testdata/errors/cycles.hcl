variable "A" {
  default = B
}
variable "B" {
  default = A # ERROR: Variable cycle
}
function "f" {
  params = [x]
  result = g(x)
}
function "g" {
  params = [x]
  result = f(x) # ERROR: Function cycle
}
target "a" {
  inherits = ["b"]
}
target "b" {
  inherits = ["a"] # ERROR: Inheritance cycle
}
target "c" {
  contexts = { d = "target:d" }
}
target "d" {
  contexts = { c = "target:c" } # ERROR: Context cycle
}
target "e" {
  args = { X = target.e.labels.Y }
  labels = { Y = target.e.args.X } # ERROR: Reference cycle
}
group "g1" {
  targets = ["g2"]
}
group "g2" {
  targets = ["g1"] # ERROR: Group cycle
}
# TARGETS: a b c d e g1

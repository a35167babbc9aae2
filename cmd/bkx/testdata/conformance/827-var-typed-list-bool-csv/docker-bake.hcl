variable "FLAGS" {
  type = list(bool)
  default = []
}
target "default" {
  args = { F0 = FLAGS[0], F1 = FLAGS[1], N = length(FLAGS) }
}

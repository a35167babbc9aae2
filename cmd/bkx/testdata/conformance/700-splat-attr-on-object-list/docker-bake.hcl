variable "S" { default = [{n="a", v=1}, {n="b", v=2}] }
target "default" {
  tags = S[*].n
  args = { V = join(",", S.*.v) }
}

variable "S" {
  type = set(string)
  default = []
}
target "default" {
  platforms = sort(S)
  args = { N = length(S) }
}

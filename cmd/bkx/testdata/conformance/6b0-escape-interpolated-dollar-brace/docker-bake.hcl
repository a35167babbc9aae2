variable "RAW" { default = "$${FROM_VAR}" }
target "default" {
  args = { R = RAW, C = "${"$"}{built}" }
  labels = { E = RAW }
  annotations = ["a=${RAW}"]
}

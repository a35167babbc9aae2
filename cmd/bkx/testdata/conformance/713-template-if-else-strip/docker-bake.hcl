variable "V" { default = "prod" }
target "default" {
  args = {
    A = "x-%{ if V == "prod" ~}   P   %{~ else ~} D %{~ endif ~}  -y"
    B = "%{ for i, x in ["a","b"] }${i}${x},%{ endfor }"
  }
}

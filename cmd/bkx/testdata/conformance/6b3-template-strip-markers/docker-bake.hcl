variable "ITEMS" { default = ["a", "b"] }
target "default" {
  args = {
    S = "%{ for x in ITEMS ~} [${x}] %{~ endfor }"
    T = "${ "  x  " }|"
    U = "pre-%{ if true }yes%{ endif }-post"
  }
}

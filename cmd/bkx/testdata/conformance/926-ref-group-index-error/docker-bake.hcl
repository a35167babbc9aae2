group "g" { targets = ["base"] }
target "base" { tags = ["b1"] }
target "consumer" {
  tags = group["g"].targets
}

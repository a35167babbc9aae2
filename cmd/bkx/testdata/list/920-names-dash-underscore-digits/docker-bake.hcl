target "9lives" { tags = ["n1"] }
target "a-b_c-9" { tags = ["n2"] }
target "UPPER_case-Mixed" { tags = ["n3"] }
target "-leading-dash" { tags = ["n4"] }
target "__double" { tags = ["n5"] }
target "x" {
  contexts = {
    one = "target:9lives"
  }
  inherits = ["a-b_c-9", "UPPER_case-Mixed"]
}
group "default" {
  targets = ["x", "-leading-dash", "__double", "UPPER_case-Mixed"]
}

target default {
  tags = ["a"]
}
group default {
  targets = [default]
}

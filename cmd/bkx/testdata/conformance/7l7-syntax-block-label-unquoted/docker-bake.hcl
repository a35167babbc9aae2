target default {
  tags = ["a"]
}

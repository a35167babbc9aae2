target "default" {
  args = {
    CEIL_NEG = ceil(-1.5)
    FLOOR_POS = floor(2.9)
    MOD_NEG = -7 % 3
    DIV_INT = 10 / 4
    POW_FRAC = pow(4, 0.5)
    LOG10 = log(1000, 10)
    PARSEINT_BIN = parseint("1011", 2)
    PARSEINT_NEG = parseint("-7f", 16)
    MAX_LIST = max([3, 1, 2]...)
    MIN_FLOAT = min(0.5, 0.25)
    ABS_FLOAT = absolute(-2.5)
    INT_NEG = int(-3.7)
    BIG_MUL = 99999999999 * 99999999999
    SMALL = 0.000001
    SCI = 1.5e10
    EQ_NUM_STR = 1 == "1"
    LT = 2 < 10
  }
}

//! The window's placement rules, without a window: one placement per set of screens, and one
//! that is off every screen comes back.

use invalidator_desktop::ui_state::{Placement, Screen, layout_key, place};

const WIDE: Screen = Screen {
    x: 0,
    y: 0,
    width: 1920,
    height: 1080,
};
const RIGHT: Screen = Screen {
    x: 1920,
    y: 0,
    width: 1280,
    height: 1024,
};

fn at(x: i32, y: i32) -> Placement {
    Placement {
        x,
        y,
        width: 1180,
        height: 780,
        maximized: false,
    }
}

#[test]
fn a_placement_on_a_screen_stays_and_one_off_every_screen_comes_back() {
    assert_eq!(place(at(100, 50), &[WIDE]), at(100, 50));
    assert_eq!(place(at(2000, 100), &[WIDE, RIGHT]), at(2000, 100));
    // The right-hand screen is gone: back to the middle of the one left.
    assert_eq!(place(at(2000, 100), &[WIDE]), at(370, 150));
    // A sliver on screen is not on screen.
    assert_eq!(place(at(1900, 100), &[WIDE]).x, 370);
    // Bigger than the screen: cut to it.
    let huge = Placement {
        width: 5000,
        height: 3000,
        ..at(-4000, -4000)
    };
    assert_eq!(
        place(huge, &[RIGHT]),
        Placement {
            x: 1920,
            y: 0,
            width: 1280,
            height: 1024,
            maximized: false
        }
    );
    assert_eq!(layout_key(&[RIGHT, WIDE]), layout_key(&[WIDE, RIGHT]));
    assert_ne!(layout_key(&[WIDE]), layout_key(&[WIDE, RIGHT]));
}

// Every screen of the shop and its address. Screens whose API has not landed are not listed.
import { Navigate, Route, Routes } from "react-router-dom";
import { RequireLogin } from "./components/RequireLogin.tsx";
import { TabLayout } from "./components/TabLayout.tsx";
import { AddressEditPage } from "./pages/AddressEdit.tsx";
import { AddressesPage } from "./pages/Addresses.tsx";
import { AfterSaleApplyPage } from "./pages/AfterSaleApply.tsx";
import { AfterSalesPage } from "./pages/AfterSales.tsx";
import { CartPage } from "./pages/Cart.tsx";
import { CategoriesPage } from "./pages/Categories.tsx";
import { ChangePhonePage } from "./pages/ChangePhone.tsx";
import { CheckoutPage } from "./pages/Checkout.tsx";
import { GroupChallengePage } from "./pages/challenges/GroupChallenge.tsx";
import { CouponCentrePage } from "./pages/coupons/CouponCentre.tsx";
import { MyCouponsPage } from "./pages/coupons/MyCoupons.tsx";
import { DistributionCentrePage } from "./pages/distribution/Centre.tsx";
import { CommissionsPage } from "./pages/distribution/Commissions.tsx";
import { DividendsPage } from "./pages/distribution/Dividends.tsx";
import { GradePage } from "./pages/distribution/Grade.tsx";
import { InvitePage } from "./pages/distribution/Invite.tsx";
import { PromotedOrdersPage } from "./pages/distribution/PromotedOrders.tsx";
import { StorefrontEditPage } from "./pages/distribution/StorefrontEdit.tsx";
import { TeamPage } from "./pages/distribution/Team.tsx";
import { WithdrawPage } from "./pages/distribution/Withdraw.tsx";
import { ForgotPasswordPage } from "./pages/ForgotPassword.tsx";
import { GroupPage } from "./pages/groups/Group.tsx";
import { GroupBuyPage } from "./pages/groups/GroupBuy.tsx";
import { HomePage } from "./pages/Home.tsx";
import { LoginPage } from "./pages/Login.tsx";
import { MePage } from "./pages/Me.tsx";
import { OrderDetailPage } from "./pages/OrderDetail.tsx";
import { OrdersPage } from "./pages/Orders.tsx";
import { PayResultPage } from "./pages/PayResult.tsx";
import { ProductPage } from "./pages/Product.tsx";
import { MyPointsPage } from "./pages/points/MyPoints.tsx";
import { PointsShopPage } from "./pages/points/PointsShop.tsx";
import { WriteReviewPage } from "./pages/reviews/WriteReview.tsx";
import { SandboxPayPage } from "./pages/SandboxPay.tsx";
import { SearchPage } from "./pages/Search.tsx";
import { ChatPage } from "./pages/service/Chat.tsx";
import { MessagesPage } from "./pages/service/Messages.tsx";
import { StorefrontPage } from "./pages/storefront/Storefront.tsx";
import { WalletPage } from "./pages/Wallet.tsx";

const guarded = (element: JSX.Element) => <RequireLogin>{element}</RequireLogin>;

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<TabLayout />}>
        <Route index element={<HomePage />} />
        <Route path="categories" element={<CategoriesPage />} />
        <Route path="cart" element={<CartPage />} />
        <Route path="me" element={<MePage />} />
      </Route>
      <Route path="login" element={<LoginPage />} />
      <Route path="forgot-password" element={<ForgotPasswordPage />} />
      <Route path="me/phone" element={guarded(<ChangePhonePage />)} />
      <Route path="search" element={<SearchPage />} />
      <Route path="products/:id" element={<ProductPage />} />
      <Route path="checkout" element={guarded(<CheckoutPage />)} />
      <Route path="addresses" element={guarded(<AddressesPage />)} />
      <Route path="addresses/new" element={guarded(<AddressEditPage />)} />
      <Route path="addresses/:id/edit" element={guarded(<AddressEditPage />)} />
      <Route path="orders" element={guarded(<OrdersPage />)} />
      <Route path="orders/:id" element={guarded(<OrderDetailPage />)} />
      <Route path="orders/:id/after-sale" element={guarded(<AfterSaleApplyPage />)} />
      <Route path="after-sales" element={guarded(<AfterSalesPage />)} />
      <Route path="pay/sandbox" element={guarded(<SandboxPayPage />)} />
      <Route path="pay/result" element={guarded(<PayResultPage />)} />
      <Route path="distribution" element={guarded(<DistributionCentrePage />)} />
      <Route path="distribution/commissions" element={guarded(<CommissionsPage />)} />
      <Route path="distribution/orders" element={guarded(<PromotedOrdersPage />)} />
      <Route path="distribution/team" element={guarded(<TeamPage />)} />
      <Route path="distribution/invite" element={guarded(<InvitePage />)} />
      <Route path="distribution/withdraw" element={guarded(<WithdrawPage />)} />
      <Route path="distribution/grade" element={guarded(<GradePage />)} />
      <Route path="distribution/dividends" element={guarded(<DividendsPage />)} />
      <Route path="distribution/storefront" element={guarded(<StorefrontEditPage />)} />
      <Route path="store/:code" element={<StorefrontPage />} />
      <Route path="wallet" element={guarded(<WalletPage />)} />
      <Route path="service" element={guarded(<ChatPage />)} />
      <Route path="group-buys/:id" element={<GroupBuyPage />} />
      <Route path="groups/:id" element={<GroupPage />} />
      <Route path="group-challenges/:id" element={<GroupChallengePage />} />
      <Route path="messages" element={guarded(<MessagesPage />)} />
      <Route path="coupons" element={guarded(<CouponCentrePage />)} />
      <Route path="me/coupons" element={guarded(<MyCouponsPage />)} />
      <Route path="me/points" element={guarded(<MyPointsPage />)} />
      <Route path="points-shop" element={<PointsShopPage />} />
      <Route path="orders/:id/review" element={guarded(<WriteReviewPage />)} />
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
